import test from 'ava';
import {validatePlaceholder} from '../../../source/core/command/validate-value.js';

const sha = 'a'.repeat(64);

// [placeholder, value] pairs that must pass.
const good: Array<[string, string]> = [
	['namespace', 'kube-system'],
	['container', 'app'],
	['pod', 'web-7d9f8c6b5-x2x9q'],
	['pod', 'coredns-5d78c9869d-abcde'],
	['deployment', 'saas-shortener'],
	['node', 'minikube'],
	['node', 'ip-10-0-1-23.ec2.internal'],
	['name', 'web.v2'],
	['service', 'postgres-service'],
	['secret', 'regcred'],
	['ingressClass', 'nginx'],
	['class', 'traefik'],
	['secretName', 'ghcr-pull'],
	['image', 'nginx'],
	['image', 'nginx:1.27-alpine'],
	['image', 'postgres:16-alpine'],
	['image', 'ghcr.io/yourname/repo:main'],
	['image', 'registry.cn-hangzhou.aliyuncs.com/google_containers/kube-webhook-certgen:v1.4.0'],
	['image', `registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.0@sha256:${sha}`],
	['image', `busybox@sha256:${sha}`],
	['image', 'localhost:5000/cifar-api:wrong-v1'],
	['image', '192.168.49.1:5000/app'],
	['image', '[::1]:5000/app:v1'],
	['image', 'docker.io/library/a__b.c-d---e'],
	['image', 'MyRegistry/app'],
	['newImage', 'nginx:1.27'],
	['port', '1'],
	['port', '7897'],
	['port', '65535'],
	['nodePort', '30080'],
	['host', 'postgres-service'],
	['host', '10.96.0.10'],
	['host', '::1'],
	['host', 'fe80::1ff:fe23:4567:890a'],
	['registryHost', 'ghcr.io'],
	['proxy', '192.168.49.1:7897'],
	['proxy', 'proxy.corp.example:3128'],
	['address', '[::1]:8080'],
	['address', '[::ffff:10.0.0.1]:53'],
	['url', 'http://192.168.49.1:7897'],
	['url', 'https://docker.1ms.run'],
	['url', 'http://[::1]:8080/healthz?x=1#top'],
	['revision', '0'],
	['replicas', '3'],
	['count', '2147483647'],
	['memory', '512Mi'],
	['memory', '1Gi'],
	['memory', '1.5G'],
	['memory', '128974848'],
	['memory', '129e6'],
	['cpu', '250m'],
	['kind', 'Deployment'],
	['kind', 'deployments.apps'],
	['context', 'arn:aws:eks:us-east-1:123456789012:cluster/prod'],
	['message', 'listen tcp :53: bind: permission denied'],
	['registry', 'x'.repeat(1024)],
];

for (const [name, value] of good) {
	test(`{{${name}}} accepts ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`, t => {
		t.is(validatePlaceholder(name, value), null);
	});
}

// [placeholder, value, part of the message]
const bad: Array<[string, string, string]> = [
	['pod', 'a; rm -rf /', `{{pod}}: "a; rm -rf /" is not a valid Kubernetes name (lowercase letters, digits, '-' and '.', at most 253 characters)`],
	['pod', '$(x)', 'is not a valid Kubernetes name'],
	['pod', '`id`', 'is not a valid Kubernetes name'],
	['pod', '--kubeconfig=other', 'is not a valid Kubernetes name'],
	['pod', 'Web', 'is not a valid Kubernetes name'],
	['pod', 'web-', 'is not a valid Kubernetes name'],
	['pod', 'a'.repeat(254), 'at most 253 characters'],
	['namespace', 'kube.system', `{{namespace}}: "kube.system" is not a valid Kubernetes name (lowercase letters, digits and '-', at most 63 characters)`],
	['namespace', 'a'.repeat(64), 'at most 63 characters'],
	['container', 'app\nkubectl delete ns prod', String.raw`{{container}}: "app\nkubectl delete ns prod" is not a valid Kubernetes name`],
	['deploymentName', 'Web_App', 'is not a valid Kubernetes name'],
	['image', 'ghcr.io/YourName/repo:main', `{{image}}: "ghcr.io/YourName/repo:main" is not a valid image reference: repository must be lowercase`],
	['image', 'Nginx', 'repository must be lowercase'],
	['image', 'ghcr.io/x/repo@3f2a9c1d0b8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a', 'digest must be sha256:<64 hex chars>'],
	['image', 'kube-webhook-certgen:v1.4.0@sha256:44d1d0e9', 'digest must be sha256:<64 hex chars>'],
	['image', `app@sha256:${'A'.repeat(64)}`, 'digest must be sha256:<64 hex chars>'],
	['image', 'nginx:', 'tag must be'],
	['image', 'nginx:-latest', 'tag must be'],
	['image', `nginx:${'a'.repeat(129)}`, 'tag must be'],
	['image', 'nginx latest', 'must not contain spaces'],
	['image', '-nginx', 'repository path components'],
	['image', 'ghcr.io//repo', 'empty component'],
	['image', 'my_registry:abc/app', 'registry must be'],
	['image', '', 'it is empty'],
	['image', `${'a'.repeat(256)}:v1`, 'at most 255 characters'],
	['port', '0', `{{port}}: "0" is not a valid port (a whole number from 1 to 65535)`],
	['port', '65536', 'is not a valid port'],
	['port', '80; reboot', 'is not a valid port'],
	['port', '-1', 'is not a valid port'],
	['port', '08080', 'is not a valid port'],
	['proxyPort', '7897x', 'is not a valid port'],
	['host', 'exa mple.com', 'is not a valid host name or IP address'],
	['host', '999.1.1.1', 'is not a valid host name or IP address'],
	['host', '-oProxyCommand=x', 'is not a valid host name or IP address'],
	['host', 'fe80::1%eth0', 'is not a valid host name or IP address'],
	['proxy', '192.168.49.1', 'is not a valid address'],
	['proxy', 'http://192.168.49.1:7897', 'is not a valid address'],
	['address', '::1:8080', 'is not a valid address'],
	['address', 'host:0', 'is not a valid address'],
	['url', 'ftp://example.com', 'is not a valid http(s) URL'],
	['url', 'https://example.com/a b', 'is not a valid http(s) URL'],
	['url', 'https://exa"mple.com', 'is not a valid http(s) URL'],
	['url', 'javascript:alert(1)', 'is not a valid http(s) URL'],
	['replicas', '-1', 'is not a whole number'],
	['replicas', '1.5', 'is not a whole number'],
	['revision', '2147483648', 'is not a whole number'],
	['memory', '1GB', 'is not a valid Kubernetes quantity'],
	['memory', '-1Gi', 'is not a valid Kubernetes quantity'],
	['kind', 'pods; rm', 'is not a valid resource kind'],
	// Captures and other values without a type: generic rules.
	['reason', '--kubeconfig=other', `{{reason}}: "--kubeconfig=other" starts with '-', so it could be read as a flag`],
	['reason', '-oyaml', "starts with '-'"],
	['reason', 'line one\nline two', String.raw`"line one\nline two" contains a control character or line break`],
	['reason', 'red \u001b[31mtext', String.raw`"red \u001b[31mtext" contains a control character`],
	['reason', '\u001b]0;pwned\u0007', String.raw`"\u001b]0;pwned\u0007" contains a control character`],
	['reason', 'csi \u009b2J', String.raw`"csi \u009b2J" contains a control character`],
	['reason', 'a\u0000b', 'contains a control character'],
	['reason', 'tab\there', 'contains a control character'],
	['reason', 'bidi \u202egnp.exe', String.raw`"bidi \u202egnp.exe"`],
	['reason', 'x'.repeat(1025), 'is longer than 1024 characters'],
];

for (const [name, value, message] of bad) {
	test(`{{${name}}} rejects ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`, t => {
		const error = validatePlaceholder(name, value);
		t.not(error, null);
		t.true(error!.startsWith(`{{${name}}}: "`), error!);
		t.true(error!.includes(message), error!);
	});
}

test('messages are one printable line, however hostile the value', t => {
	for (const value of ['a\nb', '\u001b[2J\u001b[H', '\r\u009b31m', 'x'.repeat(5000), '"\\"']) {
		const error = validatePlaceholder('pod', value)!;
		t.false(/[\u0000-\u001f\u007f-\u009f]/.test(error), JSON.stringify(error));
		t.true(error.length < 250, error);
	}
});
