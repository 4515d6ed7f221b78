import {type ImageProgram, type ProgramContext, type ProgramRun, clientAddress, mebibyte, monthName, paced, pick} from './program.js';

// Python images: the interpreter opens the script named on the command line (seed 002's
// `python wrong_entry.py` fails here), and each known script runs its own program.

type Script = (context: ProgramContext) => ProgramRun;

function flaskTime(ms: number): string {
	const date = new Date(ms);
	const month = monthName(date);
	return `${String(date.getUTCDate()).padStart(2, '0')}/${month}/${date.getUTCFullYear()} ${date.toISOString().slice(11, 19)}`;
}

/** Flask's development server, as the seeds' apps run it. */
export function flaskServer(options: {app: string; port: number; routes: string[]; extra?: string[]}): Script {
	return context => ({
		lines: paced(0, 40, [
			...(options.extra ?? []),
			` * Serving Flask app '${options.app}'`,
			' * Debug mode: off',
			'WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.',
			' * Running on all addresses (0.0.0.0)',
			` * Running on http://127.0.0.1:${options.port}`,
			` * Running on http://${context.podIP}:${options.port}`,
			'Press CTRL+C to quit',
		]),
		readyAfter: 1200,
		chatter: now => `${clientAddress(Math.floor(Math.random() * 1000))} - - [${flaskTime(now)}] "${pick(options.routes)} HTTP/1.1" 200 -`,
	});
}

/** Uvicorn serving a FastAPI app. */
export function uvicornServer(port: number): Script {
	return () => ({
		lines: paced(0, 30, [
			'INFO:     Started server process [1]',
			'INFO:     Waiting for application startup.',
			'INFO:     Application startup complete.',
			`INFO:     Uvicorn running on http://0.0.0.0:${port} (Press CTRL+C to quit)`,
		]),
		readyAfter: 900,
		chatter: () => `INFO:     ${clientAddress(Math.floor(Math.random() * 1000))}:${40000 + Math.floor(Math.random() * 20000)} - "GET /healthz HTTP/1.1" 200 OK`,
	});
}

/** A model server that loads weights into memory: killed by the kernel under a small memory limit (crash-oom). */
export function modelServer(options: {model: string; needBytes: number}): Script {
	return context => ({
		lines: [
			{at: 10, text: `[INFO] torch 2.4.1+cpu, ${context.env.WORKERS ?? '2'} workers`},
			{at: 300, text: `[INFO] loading model ${options.model} from /models/${options.model}.pt`},
			{at: 1800, text: `[INFO] allocating inference buffers (batch_size=${context.env.BATCH_SIZE ?? '64'})`},
			{at: 3500, text: '[INFO] model ready, serving on :8080'},
		],
		peakMemory: {bytes: options.needBytes, at: 2600},
		readyAfter: 3600,
		chatter: () => `[INFO] POST /v1/predict 200 ${(20 + Math.random() * 40).toFixed(1)}ms`,
	});
}

export function pythonImage(options: {scripts: Record<string, Script>; cmd: string[]; modules?: Record<string, Script>}): ImageProgram {
	const workdir = '/app';
	return {
		binaries: ['python', 'python3', 'pip', 'sh', '/bin/sh', 'bash', '/usr/local/bin/python', ...Object.keys(options.modules ?? {})],
		entrypoint: [],
		cmd: options.cmd,
		workdir,
		files: Object.keys(options.scripts),
		user: 0,
		run(context) {
			const [program, ...args] = context.argv;
			const name = program.split('/').pop()!;
			if (options.modules?.[name]) return options.modules[name](context);
			if (!name.startsWith('python')) return Object.values(options.scripts)[0](context);
			if (args[0] === '-m') {
				const module = options.modules?.[args[1]];
				if (module) return module(context);
				return exitWith(`${name}: No module named ${args[1]}`, 1);
			}
			const script = args.find(arg => !arg.startsWith('-'));
			if (!script) return exitWith('Python 3.11.10 (main, Nov 12 2024, 02:20:41) [GCC 12.2.0] on linux', 0);
			const path = script.startsWith('/') ? script : `${workdir}/${script}`;
			const file = path.startsWith(`${workdir}/`) ? path.slice(workdir.length + 1) : undefined;
			const run = file ? options.scripts[file] : undefined;
			if (!run) return exitWith(`${name}: can't open file '${path}': [Errno 2] No such file or directory`, 2);
			return run(context);
		},
	};
}

function exitWith(text: string, code: number): ProgramRun {
	return {lines: [{at: 40, text}], exit: {at: 60, code}};
}

export const cifarApi = pythonImage({
	cmd: ['python', 'app.py'],
	scripts: {
		'app.py': flaskServer({app: 'app', port: 5000, routes: ['POST /predict', 'GET /health'], extra: ['Loading CIFAR-10 model from /app/model/cifar10_cnn.pth (device: cpu)', 'Model loaded: 10 classes']}),
		'train.py': context => ({lines: [{at: 20, text: 'Files already downloaded and verified'}, {at: 900, text: `[1,  2000] loss: 2.${Math.floor(context.startedAt % 900) + 100}`}], exit: {at: 1500, code: 0}}),
	},
});

export const calculatorApp = pythonImage({
	cmd: ['python', 'app.py'],
	scripts: {'app.py': flaskServer({app: 'app', port: 30194, routes: ['GET /', 'POST /add']})},
});

export const mlApi = pythonImage({
	cmd: ['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8000'],
	scripts: {'main.py': uvicornServer(8000)},
	modules: {uvicorn: uvicornServer(8000)},
});

export const modelServerImage = pythonImage({
	cmd: ['python', 'serve.py'],
	scripts: {'serve.py': modelServer({model: 'resnet50', needBytes: 700 * mebibyte})},
});
