import test from 'ava';
import {resolveArgv, execError} from '../../../source/sim/controllers/container-spec.js';
import {catalog} from '../../../source/sim/registry/catalog.js';
import {parseImageReference} from '../../../source/sim/registry/image-reference.js';

for (const image of catalog) {
	test(`${image.repository} starts with its own entrypoint and cmd`, t => {
		const argv = resolveArgv({name: 'app', image: image.repository}, image.program);
		t.is(execError(argv, image.program), undefined, argv.join(' '));
		t.is(parseImageReference(image.repository).repository, image.repository);
	});
}

test('a command missing from the image is a runc exec error', t => {
	const program = catalog.find(image => image.repository === 'docker.io/library/cifar-api')!.program;
	t.is(
		execError(resolveArgv({name: 'app', image: 'cifar-api:cpu-v1', command: ['pyhton', 'app.py']}, program), program),
		'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "pyhton": executable file not found in $PATH: unknown',
	);
	t.is(
		execError(resolveArgv({name: 'app', image: 'cifar-api:cpu-v1', command: ['/app/start.sh']}, program), program),
		'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/start.sh": stat /app/start.sh: no such file or directory: unknown',
	);
});
