// The console's UI state as a synchronous store: keys go through the reducer one by one
// against the latest state (never a stale React closure), and the effects it asks for are
// performed here: guided runs, log streams, namespace and context switches, quitting.
import {formatArgv} from '../core/command/split-command-line.js';
import {canConfirm, canDryRun, canEdit, currentStep} from '../core/guide/guide-selectors.js';
import type {ConsoleData} from './console-data.js';
import type {ConsoleSession, GuideHandle, LogSource} from './console-session.js';
import {consoleReducer, currentView, focusedPane, initialConsoleState, paneList, type ConsoleAction, type ConsoleState, type Effect, type KeyEnvironment} from './console-state.js';
import {outputLines, shownStep} from './guide-lines.js';
import {keyNames, type KeyName} from './key-names.js';
import {noFlags, type KeyFlags} from './keymap.js';
import {contentRows, layoutFor, paneBox, type Size} from './layout.js';
import {plainTheme} from './theme.js';
import type {Key} from 'ink';

export type ControllerOptions = {
	/** Unmounts the app; the owner restores the terminal. */
	exit(): void;
	size: Size;
	headerHeight: number;
};

type OpenLog = {key: string; source: LogSource};

export class ConsoleController {
	#state: ConsoleState = initialConsoleState();
	readonly #listeners = new Set<() => void>();
	readonly #guides = new Map<string, GuideHandle>();
	#log: OpenLog | null = null;
	#size: Size;
	#disposed = false;

	constructor(
		readonly session: ConsoleSession,
		readonly data: ConsoleData,
		readonly options: ControllerOptions,
	) {
		this.#size = options.size;
	}

	getState = (): ConsoleState => this.#state;

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	setSize(size: Size): void {
		this.#size = size;
	}

	handleInput(input: string, key: Key): void {
		for (const name of keyNames(input, key)) this.press(name);
	}

	press(key: KeyName): void {
		this.#apply({type: 'key', key});
	}

	guide(findingKey: string): GuideHandle | undefined {
		return this.#guides.get(findingKey);
	}

	/** The log stream of the logs pane's target; the same object until the target changes. */
	logSource(): LogSource | null {
		return this.#log?.source ?? null;
	}

	/** The log target as it resolves now (the default container filled in), or null. */
	logTarget(): {namespace: string; pod: string; container: string} | null {
		const target = this.#state.logs.target;
		if (!target) return null;
		const container = target.container ?? this.data.defaultContainer(target.namespace, target.pod);
		return container ? {namespace: target.namespace, pod: target.pod, container} : null;
	}

	/** Steps running now: quitting would stop them. */
	stepRunning(): boolean {
		for (const guide of this.#guides.values()) {
			const {status, intent} = guide.getState();
			if (status === 'running' && intent !== null && intent.type !== 'check-resolved') return true;
		}
		return false;
	}

	/** Keeps the log stream in step with the target; called after every change and when pods arrive. */
	syncLogs(): void {
		const target = this.logTarget();
		const key = target ? `${target.namespace}/${target.pod}/${target.container}/${this.#state.logs.previous}` : '';
		if ((this.#log?.key ?? '') === key) return;
		this.#log?.source.stop();
		this.#log = null;
		if (target) {
			const query = this.#state.logs.previous ? {previous: true, tailLines: 2000} : {follow: true, tailLines: 2000};
			this.#log = {key, source: this.session.openLogs(target, query)};
		}
		this.#notify();
	}

	dispose(): void {
		if (this.#disposed) return;
		this.#disposed = true;
		for (const guide of this.#guides.values()) {
			if (guide.getState().status === 'running') guide.dispatch({type: 'abort', now: this.#now()});
			guide.dispose();
		}
		this.#guides.clear();
		this.#log?.source.stop();
		this.#log = null;
		this.#listeners.clear();
	}

	/** The flags the keymap's `when` reads, for the focused pane. */
	flags(): KeyFlags {
		const view = currentView(this.#state);
		const guide = view.type === 'playbook' ? this.#guides.get(view.findingKey) : undefined;
		if (!guide) return noFlags;
		const run = guide.getState();
		const step = currentStep(run);
		const running = run.status === 'running';
		const open = step !== undefined && (step.status === 'awaiting-input' || step.status === 'awaiting-confirmation' || step.status === 'running');
		return {
			canConfirm: canConfirm(run),
			canAnswer: running && run.intent === null && step?.status === 'awaiting-input',
			canSkip: running && open,
			canEdit: canEdit(run),
			canDryRun: canDryRun(run),
			canAbort: running,
			runOver: !running,
			canReport: !running && this.session.writeReport !== undefined,
		};
	}

	environment(): KeyEnvironment {
		const state = this.#state;
		const pane = focusedPane(state);
		const list = paneList(state, pane);
		const view = currentView(state);
		const header = this.options.headerHeight;
		const box = paneBox(layoutFor(view, state.resourceView, this.#size, header), pane);
		const listOptions = {oldestFirst: !state.eventsNewestFirst};
		const filter = list ? state.lists[list].filter : '';
		const guide = view.type === 'playbook' ? this.#guides.get(view.findingKey)?.getState() : undefined;
		const step = guide ? currentStep(guide) : undefined;
		const target = state.logs.target;
		const data = this.data;
		const lines = () => this.#lines(pane, state);
		// Rows and lines are read only by the keys that need them: a broken list cannot block `:` or `q`.
		return {
			flags: this.flags(),
			stepRunning: this.stepRunning(),
			get keys() {
				return list ? data.keys(list, filter, listOptions) : [];
			},
			get lines() {
				return lines();
			},
			page: contentRows(box, list !== undefined),
			target: key => (list ? data.target(list, key, filter, listOptions) : undefined),
			get containers() {
				return target ? data.containers(target.namespace, target.pod) : [];
			},
			editText: step ? editText(step) : undefined,
			answerDefault: step?.question?.default,
		};
	}

	#lines(pane: string, state: ConsoleState): number {
		if (pane === 'logs' || pane === 'playbook') return this.#textLines(pane, state);
		if (pane === 'describe') {
			const view = currentView(state);
			if (view.type === 'pod') return this.data.describe(view.pod, this.#now()).length;
			if (view.type === 'describe') return this.data.describe(view.object, this.#now()).length;
		}
		return 0;
	}

	/** Lines to scroll through: the log's, or the output the playbook pane shows. */
	#textLines(pane: 'logs' | 'playbook', state: ConsoleState): number {
		if (pane === 'logs') return this.#log?.source.buffer.lines().length ?? 0;
		const view = currentView(state);
		const guide = view.type === 'playbook' ? this.#guides.get(view.findingKey)?.getState() : undefined;
		return guide ? outputLines(shownStep(guide), plainTheme).length : 0;
	}

	#apply(action: ConsoleAction): void {
		if (this.#disposed) return;
		let reduced;
		try {
			reduced = consoleReducer(this.#state, action, this.environment());
		} catch (error) {
			// A key must never take the console down: what went wrong becomes the message line.
			if (action.type === 'message') return;
			this.#message(`that key failed: ${describe(error)}`, true);
			return;
		}
		const {state, effects} = reduced;
		if (state !== this.#state) {
			this.#state = state;
			this.syncLogs();
			this.#notify();
		}
		for (const effect of effects) this.#perform(effect);
	}

	#message(text: string, error = false): void {
		this.#apply({type: 'message', text, error});
	}

	#perform(effect: Effect): void {
		const now = this.#now();
		const view = currentView(this.#state);
		const guide = view.type === 'playbook' ? this.#guides.get(view.findingKey) : undefined;
		switch (effect.type) {
			case 'quit':
				this.options.exit();
				return;
			case 'open-guide':
				this.#openGuide(effect.findingKey, effect.restart);
				return;
			case 'guide': {
				const types = {confirm: 'confirm', skip: 'skip', 'dry-run': 'dry-run', abort: 'abort'} as const;
				guide?.dispatch({type: types[effect.action], now});
				return;
			}
			case 'guide-edit':
				guide?.dispatch({type: 'edit', text: effect.text, now});
				return;
			case 'guide-answer':
				guide?.dispatch({type: 'answer', value: effect.value, now});
				return;
			case 'report': {
				const write = this.session.writeReport;
				if (!guide || !write) return;
				write(guide.getState()).then(
					file => this.#message(`incident report written to ${file}`),
					(error: unknown) => this.#message(`could not write the report: ${describe(error)}`, true),
				);
				return;
			}
			case 'namespace': {
				if (!this.session.setNamespace) {
					this.#message('this session cannot switch namespaces', true);
					return;
				}
				this.session.setNamespace(effect.namespace);
				this.#message(effect.namespace ? `watching namespace ${effect.namespace}` : 'watching all namespaces');
				return;
			}
			case 'context': {
				const switchContext = this.session.switchContext;
				if (!switchContext) {
					this.#message('this session cannot switch contexts', true);
					return;
				}
				this.#message(`connecting to context ${effect.name}…`);
				switchContext(effect.name).catch((error: unknown) => this.#message(describe(error), true));
				return;
			}
		}
	}

	#openGuide(findingKey: string, restart: boolean): void {
		const existing = this.#guides.get(findingKey);
		if (existing && !restart) return;
		const finding = this.data.finding(findingKey) ?? existing?.getState().finding;
		const playbook = finding ? this.data.playbook(finding.playbook) : undefined;
		if (!finding || !playbook) {
			this.#message('that finding is gone: nothing to fix', true);
			return;
		}
		if (existing) {
			if (existing.getState().status === 'running') return;
			existing.dispose();
		}
		const guide = this.session.startGuide(finding, playbook);
		this.#guides.set(findingKey, guide);
		this.#state = {...this.#state, scroll: {...this.#state.scroll, playbook: 0}};
		this.#notify();
	}

	#notify(): void {
		for (const listener of [...this.#listeners]) listener();
	}

	#now(): number {
		return this.session.now?.() ?? Date.now();
	}
}

/** What `e` starts from: the command as it would run, else as far as it could be filled. */
function editText(step: NonNullable<ReturnType<typeof currentStep>>): string {
	if (step.step.action?.kind === 'kubectl' && step.argv) return formatArgv(step.argv);
	return step.display.replace(/\s*\n\s*/g, ' ');
}

function describe(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
