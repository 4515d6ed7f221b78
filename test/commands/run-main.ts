// Runs the CLI in-process the way source/cli.ts does (errors become one line on stderr, exit 2),
// with captured streams: fast black-box tests of a command's output and exit status.
import {PassThrough, Writable} from 'node:stream';
import {UsageError, UserError} from '../../source/commands/command.js';
import {main} from '../../source/main.js';

export type Result = {code: number; stdout: string; stderr: string};

export async function runMain(argv: string[], options: {env?: NodeJS.ProcessEnv; stdin?: string} = {}): Promise<Result> {
	let stdout = '';
	let stderr = '';
	const sink = (append: (text: string) => void) =>
		new Writable({
			write(chunk, _encoding, done) {
				append(String(chunk));
				done();
			},
		});
	const stdin = new PassThrough();
	stdin.end(options.stdin ?? '');
	const io = {stdin, stdout: sink(text => (stdout += text)), stderr: sink(text => (stderr += text)), env: options.env ?? {HOME: '/nonexistent'}};
	try {
		const code = await main(argv, io);
		return {code, stdout, stderr};
	} catch (error) {
		if (!(error instanceof UsageError || error instanceof UserError)) throw error;
		return {code: 2, stdout, stderr: `${stderr}kconsole: ${error.message}\n`};
	}
}
