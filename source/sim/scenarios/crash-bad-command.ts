import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 002, 故障排查 二: the deployment forces a command the image cannot run.
// cifar10-api runs `python wrong_entry.py`: Python exits 2 with
// "python: can't open file '/app/wrong_entry.py': [Errno 2] No such file or directory" → CrashLoopBackOff.
// cifar10-worker runs `pyhton app.py`: the runtime cannot exec it (StartError, exit 128,
// 'exec: "pyhton": executable file not found in $PATH').
// Fix: kubectl patch deployment cifar10-api -n cifar10-dev --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["python","app.py"]}]'
//      kubectl patch deployment cifar10-worker -n cifar10-dev --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["python","app.py"]}]'

export const crashBadCommand: Scenario = {
	name: 'crash-bad-command',
	seed: '002_eb2d75063312e4bf.txt (二、容器启动失败（CrashLoopBackOff）)',
	summary: "namespace cifar10-dev: deployment cifar10-api runs python wrong_entry.py (can't open file, exit 2, CrashLoopBackOff); deployment cifar10-worker runs pyhton (StartError, exit 128)",
	fix: [
		'kubectl patch deployment cifar10-api -n cifar10-dev --type=json -p \'[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["python","app.py"]}]\'',
		'kubectl patch deployment cifar10-worker -n cifar10-dev --type=json -p \'[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["python","app.py"]}]\'',
	],
	install(world: World) {
		apply(
			world.store,
			namespace('cifar10-dev'),
			deployment({namespace: 'cifar10-dev', name: 'cifar10-api', containers: [container('cifar-api', 'cifar-api:cpu-v1', {command: ['python', 'wrong_entry.py'], ports: [{name: 'http', containerPort: 5000}]})]}),
			service({namespace: 'cifar10-dev', name: 'cifar10-api', selector: {app: 'cifar10-api'}, ports: [{port: 80, targetPort: 'http'}]}),
			deployment({namespace: 'cifar10-dev', name: 'cifar10-worker', containers: [container('worker', 'cifar-api:cpu-v1', {command: ['pyhton', 'app.py']})]}),
		);
	},
};
