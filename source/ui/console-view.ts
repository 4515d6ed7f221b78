// The console's places: the overview, one pod (describe and logs), one object's describe,
// one finding's playbook. They stack: Enter pushes, Esc pops back to where you were.
import type {ResourceView} from './console-command.js';
import type {PaneId} from './keymap.js';

export type ObjectRef = {kind: string; namespace: string | null; name: string};

export type View =
	| {type: 'overview'; focus: PaneId}
	| {type: 'pod'; pod: ObjectRef; focus: PaneId}
	| {type: 'describe'; object: ObjectRef; focus: PaneId}
	| {type: 'playbook'; findingKey: string; focus: PaneId};

/** The panes a view shows, in Tab order. */
export function viewPanes(view: View, resourceView: ResourceView): PaneId[] {
	switch (view.type) {
		case 'overview':
			// With the events list in the main pane, a second events pane would only repeat it.
			return resourceView === 'events' ? ['findings', 'resources', 'logs'] : ['findings', 'resources', 'events', 'logs'];
		case 'pod':
			return ['describe', 'logs'];
		case 'describe':
			return ['describe'];
		case 'playbook':
			return ['playbook'];
	}
}
