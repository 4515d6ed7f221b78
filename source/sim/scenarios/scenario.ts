import type {World} from '../world.js';

// A scenario installs ordinary objects (namespaces, deployments, services …) and world facts
// (registry tags, the tunnel) whose behaviour reproduces one failure from the field notes.

export type Scenario = {
	name: string;
	/** The field note it reproduces (file in shared/seeds) and the section. */
	seed: string;
	/** What a user sees. */
	summary: string;
	/** The commands a user runs to fix it. */
	fix: string[];
	/** Scenarios this one builds on (installed first). */
	requires?: string[];
	install(world: World): void | Promise<void>;
};
