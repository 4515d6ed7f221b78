// Where line mode's answers come from: a terminal (readline, Ctrl-C as an interrupt, an edit
// pre-filled with the command) or, when standard input is not a terminal, its lines in order,
// echoed so a CI log reads like the session it was. End of input means abort.
import readline from 'node:readline';
import type {Readable, Writable} from 'node:stream';

/** Ctrl-C at a prompt. */
export const interrupted = Symbol('interrupted');

export type Answer = string | null | typeof interrupted;

export type AnswerReader = {
	/** The next answer: a line, null at end of input, or `interrupted`. */
	ask(prompt: string, options?: {prefill?: string}): Promise<Answer>;
	close(): void;
};

export type ReaderOptions = {
	input: Readable & {isTTY?: boolean};
	output: Writable;
	/** Ctrl-C typed while no question is open (a step runs). */
	onInterrupt: () => void;
};

export function createAnswerReader(options: ReaderOptions): AnswerReader {
	return options.input.isTTY ? terminalReader(options) : streamReader(options);
}

function terminalReader({input, output, onInterrupt}: ReaderOptions): AnswerReader {
	const rl = readline.createInterface({input, output, terminal: true});
	let pending: ((answer: Answer) => void) | undefined;
	const settle = (answer: Answer) => {
		const resolve = pending;
		pending = undefined;
		resolve?.(answer);
	};
	// In raw mode Ctrl-C reaches readline, not the process: route it by what is happening.
	rl.on('SIGINT', () => {
		if (pending) {
			output.write('^C\n');
			settle(interrupted);
		} else {
			onInterrupt();
		}
	});
	rl.on('close', () => settle(null));
	return {
		async ask(prompt, askOptions = {}) {
			return new Promise(resolve => {
				pending = resolve;
				rl.question(prompt, answer => settle(answer));
				if (askOptions.prefill) rl.write(askOptions.prefill);
			});
		},
		close() {
			rl.close();
		},
	};
}

function streamReader({input, output}: ReaderOptions): AnswerReader {
	const rl = readline.createInterface({input, terminal: false});
	const lines = rl[Symbol.asyncIterator]();
	let ended = false;
	return {
		async ask(prompt) {
			output.write(prompt);
			if (ended) {
				output.write('(end of input)\n');
				return null;
			}
			const next = await lines.next();
			if (next.done) {
				ended = true;
				output.write('(end of input)\n');
				return null;
			}
			output.write(`${next.value}\n`);
			return next.value;
		},
		close() {
			rl.close();
		},
	};
}
