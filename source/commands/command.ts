import type {Readable, Writable} from 'node:stream';

/** One flag of a command: drives parsing, validation and the help text. */
export type OptionSpec = {
	type: 'string' | 'boolean';
	short?: string;
	multiple?: boolean;
	/** Placeholder shown in help, e.g. `FILE`. */
	value?: string;
	description: string;
	default?: string | boolean;
};

export type Options = Record<string, OptionSpec>;

export type Io = {
	stdin: Readable & {isTTY?: boolean};
	stdout: Writable & {isTTY?: boolean; columns?: number; rows?: number};
	stderr: Writable;
	env: NodeJS.ProcessEnv;
};

export type Values = Record<string, string | boolean | string[] | undefined>;

export type Command = {
	name: string;
	summary: string;
	/** e.g. `kconsole sim [options]` */
	usage: string;
	/** More help after the usage line. */
	details?: string;
	options: Options;
	/** Positional arguments allowed: their names for help; `...` suffix means any number. */
	positionals?: string[];
	/** Resolves to the process exit code. */
	run(values: Values, positionals: string[], io: Io): Promise<number>;
};

/** A bad invocation: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** A failure the user can act on: printed as one line without a stack, exit code 2. */
export class UserError extends Error {}
