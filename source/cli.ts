#!/usr/bin/env node
import {UsageError, UserError} from './commands/command.js';
import {main} from './main.js';

main(process.argv.slice(2), {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env}).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		if (error instanceof UsageError || error instanceof UserError) {
			process.stderr.write(`kconsole: ${error.message}\n`);
		} else {
			process.stderr.write(`kconsole: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
		}
		process.exitCode = 2;
	},
);
