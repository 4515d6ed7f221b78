import test from 'ava';
import {defaultPullPolicy, invalidImageMessage, parseImageReference} from '../../../source/sim/registry/image-reference.js';

const normalized: Array<[string, string]> = [
	['nginx', 'docker.io/library/nginx:latest'],
	['nginx:1.27', 'docker.io/library/nginx:1.27'],
	['traefik/whoami:v1.10.3', 'docker.io/traefik/whoami:v1.10.3'],
	['index.docker.io/library/redis:7.4', 'docker.io/library/redis:7.4'],
	['ghcr.io/997899594/rrr:latest', 'ghcr.io/997899594/rrr:latest'],
	['localhost:5000/app:dev', 'localhost:5000/app:dev'],
	[
		'registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93',
		'registry.cn-hangzhou.aliyuncs.com/google_containers/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93',
	],
];

for (const [image, full] of normalized) {
	test(`normalizes ${image} as containerd names it`, t => {
		t.is(parseImageReference(image).full, full);
	});
}

const invalid: Array<[string, string]> = [
	[
		'ghcr.io/MLOps-Lab/ml-api:3f2c1a9',
		'Failed to apply default image tag "ghcr.io/MLOps-Lab/ml-api:3f2c1a9": couldn\'t parse image name "ghcr.io/MLOps-Lab/ml-api:3f2c1a9": invalid reference format: repository name (MLOps-Lab/ml-api) must be lowercase',
	],
	['ACTOKEY', 'Failed to apply default image tag "ACTOKEY": couldn\'t parse image name "ACTOKEY": invalid reference format: repository name (library/ACTOKEY) must be lowercase'],
	['ghcr.io/mlops-lab/ml-api@3f2c1a9', 'Failed to apply default image tag "ghcr.io/mlops-lab/ml-api@3f2c1a9": couldn\'t parse image name "ghcr.io/mlops-lab/ml-api@3f2c1a9": invalid reference format'],
	[
		'Task2  crpi-demo.cn-hangzhou.personal.cr.aliyuncs.com/ml/api:v1',
		'Failed to apply default image tag "Task2  crpi-demo.cn-hangzhou.personal.cr.aliyuncs.com/ml/api:v1": couldn\'t parse image name "Task2  crpi-demo.cn-hangzhou.personal.cr.aliyuncs.com/ml/api:v1": invalid reference format',
	],
];

for (const [image, message] of invalid) {
	test(`InvalidImageName message for ${image}`, t => {
		t.is(invalidImageMessage(image), message);
	});
}

test('valid references have no InvalidImageName message', t => {
	t.is(invalidImageMessage('ghcr.io/mlops-lab/ml-api:3f2c1a9'), undefined);
});

test('default pull policy: Always for latest or no tag, IfNotPresent otherwise', t => {
	t.deepEqual(['nginx', 'nginx:latest', 'nginx:1.27', 'ghcr.io/a/b@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93'].map(defaultPullPolicy), ['Always', 'Always', 'IfNotPresent', 'IfNotPresent']);
});
