import test from 'ava';
import {pathNamesSecret, redactArgv, redactSecrets} from '../../../source/core/text/redact.js';

const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJrdWJlcm5ldGVzIn0.c2lnbmF0dXJlLXBhcnQ';

const texts: Array<[name: string, input: string, output: string]> = [
	['Authorization: Bearer header', 'Authorization: Bearer abcdef123456.xyz', 'Authorization: Bearer <redacted>'],
	['bearer in a log line', 'sending request with bearer 0123456789abcdef to api', 'sending request with bearer <redacted> to api'],
	['Authorization: Basic header', 'authorization: Basic dXNlcjpwYXNz', 'authorization: Basic <redacted>'],
	['prose about bearers is kept', 'the bearer of bad news', 'the bearer of bad news'],
	['--token value', 'kubectl --token abc123 get pods', 'kubectl --token <redacted> get pods'],
	['--token=value', 'kubectl --token=abc123 get pods', 'kubectl --token=<redacted> get pods'],
	['--password', 'kubectl --username=bob --password "s3 cret" get pods', 'kubectl --username=bob --password <redacted> get pods'],
	['--docker-password', 'kubectl create secret docker-registry r --docker-username=bob --docker-password=hunter2', 'kubectl create secret docker-registry r --docker-username=bob --docker-password=<redacted>'],
	['--from-literal=password=', 'kubectl create secret generic db --from-literal=password=hunter2', 'kubectl create secret generic db --from-literal=password=<redacted>'],
	['--from-literal with a suffixed key', '--from-literal=POSTGRES_PASSWORD=hunter2 --from-literal=user=bob', '--from-literal=POSTGRES_PASSWORD=<redacted> --from-literal=user=bob'],
	['password=', 'connect password=hunter2 host=db', 'connect password=<redacted> host=db'],
	['passwd', 'passwd: hunter2', 'passwd: <redacted>'],
	['secret=', 'client secret=abc123', 'client secret=<redacted>'],
	['environment dump', 'DB_PASSWORD=hunter2\nAPI_KEY=k-123\nHOME=/root', 'DB_PASSWORD=<redacted>\nAPI_KEY=<redacted>\nHOME=/root'],
	['kubeconfig YAML', 'users:\n- name: bob\n  user:\n    client-key-data: LS0tLS1CRUdJTiBSU0E=\n    token: abc.def\n', 'users:\n- name: bob\n  user:\n    client-key-data: <redacted>\n    token: <redacted>\n'],
	['YAML keys that only name secrets are kept', 'secretName: ghcr-pull\nimagePullSecrets:\n- name: regcred\nautomountServiceAccountToken: false', 'secretName: ghcr-pull\nimagePullSecrets:\n- name: regcred\nautomountServiceAccountToken: false'],
	['JSON keeps its quotes', '{"password":"hunter2","token": "abc", "enabled": true}', '{"password":"<redacted>","token": "<redacted>", "enabled": true}'],
	['an empty YAML value does not take the next line', 'token:\n  nested: value', 'token:\n  nested: value'],
	['credentials in a URL', 'git clone https://bob:ghp_abc123@github.com/x/rrr.git', 'git clone https://bob:<redacted>@github.com/x/rrr.git'],
	['proxy URL with credentials', 'HTTPS_PROXY=http://user:p4ss@192.168.49.1:7897', 'HTTPS_PROXY=http://user:<redacted>@192.168.49.1:7897'],
	['a URL without credentials is kept', 'http://192.168.49.1:7897 and https://github.com/x', 'http://192.168.49.1:7897 and https://github.com/x'],
	['a JWT anywhere', `created token ${jwt}`, 'created token <redacted>'],
	['a private key block', 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAAAA\n-----END RSA PRIVATE KEY-----\nrest', 'key:\n-----BEGIN RSA PRIVATE KEY-----<redacted>-----END RSA PRIVATE KEY-----\nrest'],
	['a certificate is kept', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
	['text without secrets is unchanged', 'Back-off pulling image "nginx:1.27"', 'Back-off pulling image "nginx:1.27"'],
];

for (const [name, input, output] of texts) {
	test(`redacts: ${name}`, t => {
		t.is(redactSecrets(input), output);
	});
}

test('redacting twice changes nothing more', t => {
	for (const [, input] of texts) {
		const once = redactSecrets(input);
		t.is(redactSecrets(once), once);
	}
});

const argvs: Array<[name: string, argv: string[], output: string[]]> = [
	['--token as its own element', ['kubectl', '--token', 'abc', 'get', 'pods'], ['kubectl', '--token', '<redacted>', 'get', 'pods']],
	['--token=', ['kubectl', '--token=abc', 'get', 'pods'], ['kubectl', '--token=<redacted>', 'get', 'pods']],
	['--password and --docker-password', ['kubectl', 'create', 'secret', 'docker-registry', 'r', '--docker-password', 'p', '--password', 'q'], ['kubectl', 'create', 'secret', 'docker-registry', 'r', '--docker-password', '<redacted>', '--password', '<redacted>']],
	['every literal of a Secret', ['kubectl', '-n', 'shop', 'create', 'secret', 'generic', 'db', '--from-literal=user=bob', '--from-literal', 'host=db'], ['kubectl', '-n', 'shop', 'create', 'secret', 'generic', 'db', '--from-literal=user=<redacted>', '--from-literal', 'host=<redacted>']],
	['a ConfigMap literal is not a secret', ['kubectl', 'create', 'configmap', 'c', '--from-literal=user=bob', '--from-literal=password=x'], ['kubectl', 'create', 'configmap', 'c', '--from-literal=user=bob', '--from-literal=password=<redacted>']],
	['a header element', ['curl', '-H', 'Authorization: Bearer abcdefgh1234', 'https://api'], ['curl', '-H', 'Authorization: Bearer <redacted>', 'https://api']],
	['a sh step script', ['/bin/sh', '-c', 'curl https://bob:pw@host/ | grep token=abc'], ['/bin/sh', '-c', 'curl https://bob:<redacted>@host/ | grep token=<redacted>']],
	['a JSON patch holding a password', ['kubectl', 'patch', 'secret', 'db', '-p', '{"stringData":{"password":"hunter2"}}'], ['kubectl', 'patch', 'secret', 'db', '-p', '{"stringData":{"password":"<redacted>"}}']],
	['nothing secret', ['kubectl', 'get', 'pods', '-n', 'shop'], ['kubectl', 'get', 'pods', '-n', 'shop']],
];

for (const [name, argv, output] of argvs) {
	test(`redacts argv: ${name}`, t => {
		t.deepEqual(redactArgv(argv), output);
	});
}

const paths: Array<[path: string, secret: boolean]> = [
	['spec.template.spec.containers[web].env[DB_PASSWORD].value', true],
	['spec.template.spec.containers[web].env[API_TOKEN]', true],
	['data["client-key-data"]', true],
	['stringData.password', true],
	['spec.template.spec.containers[web].image', false],
	['spec.template.spec.imagePullSecrets[0].name', false],
	// Cautious: the part `secret` (a volume source) hides the Secret's name too.
	['spec.template.spec.volumes[certs].secret.secretName', true],
	['spec.template.spec.containers[web].env[DB_HOST].valueFrom.secretKeyRef.name', false],
];

for (const [path, secret] of paths) {
	test(`pathNamesSecret: ${path}`, t => {
		t.is(pathNamesSecret(path), secret);
	});
}
