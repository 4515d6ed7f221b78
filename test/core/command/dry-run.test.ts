import test from 'ava';
import {dryRunArgv, printsResultingObject} from '../../../source/core/command/dry-run.js';

const words = (line: string) => line.split(' ');

// [name, command, expected dry run (null: none offered)]
const cases: Array<[string, string[], string[] | null]> = [
	['delete', words('kubectl delete pod web-0 -n shop'), words('kubectl delete pod web-0 -n shop --dry-run=server')],
	['apply', words('kubectl apply -f web.yaml'), words('kubectl apply -f web.yaml --dry-run=server')],
	['create from a file', words('kubectl create -f web.yaml'), words('kubectl create -f web.yaml --dry-run=server')],
	['create deployment', words('kubectl create deployment web --image=nginx'), words('kubectl create deployment web --image=nginx --dry-run=server')],
	['create secret generic', words('kubectl create secret generic db --from-literal=a=b'), words('kubectl create secret generic db --from-literal=a=b --dry-run=server')],
	['create namespace by alias', words('kubectl create ns shop'), words('kubectl create ns shop --dry-run=server')],
	['scale', words('kubectl scale deployment/web --replicas=3'), words('kubectl scale deployment/web --replicas=3 --dry-run=server')],
	['label', words('kubectl label pod web-0 tier=web'), words('kubectl label pod web-0 tier=web --dry-run=server')],
	['annotate', words('kubectl annotate pod web-0 a=b'), words('kubectl annotate pod web-0 a=b --dry-run=server')],
	['taint', words('kubectl taint nodes n1 k=v:NoSchedule'), words('kubectl taint nodes n1 k=v:NoSchedule --dry-run=server')],
	['expose', words('kubectl expose deployment web --port=80'), words('kubectl expose deployment web --port=80 --dry-run=server')],
	['autoscale', words('kubectl autoscale deployment web --max=5'), words('kubectl autoscale deployment web --max=5 --dry-run=server')],
	['cordon', words('kubectl cordon n1'), words('kubectl cordon n1 --dry-run=server')],
	['uncordon', words('kubectl uncordon n1'), words('kubectl uncordon n1 --dry-run=server')],
	['drain', words('kubectl drain n1 --ignore-daemonsets=true'), words('kubectl drain n1 --ignore-daemonsets=true --dry-run=server')],
	['auth reconcile', words('kubectl auth reconcile -f rbac.yaml'), words('kubectl auth reconcile -f rbac.yaml --dry-run=server')],
	['run, before the container command', words('kubectl run dbg --image=busybox -- sleep 10'), words('kubectl run dbg --image=busybox --dry-run=server -- sleep 10')],
	// These print the object the change would produce.
	['patch', ['kubectl', '-n', 'kube-system', 'patch', 'deployment', 'coredns', '--type=json', '-p', '[{"op":"remove","path":"/x"}]'],
		['kubectl', '-n', 'kube-system', 'patch', 'deployment', 'coredns', '--type=json', '-p', '[{"op":"remove","path":"/x"}]', '--dry-run=server', '-o', 'yaml']],
	['replace', words('kubectl replace -f web.yaml'), words('kubectl replace -f web.yaml --dry-run=server -o yaml')],
	['set image', words('kubectl set image deployment/web web=nginx:1.27'), words('kubectl set image deployment/web web=nginx:1.27 --dry-run=server -o yaml')],
	['set env', words('kubectl set env deployment/web A=1'), words('kubectl set env deployment/web A=1 --dry-run=server -o yaml')],
	['set serviceaccount by alias', words('kubectl set sa deployment/web ci'), words('kubectl set sa deployment/web ci --dry-run=server -o yaml')],
	['rollout undo', words('kubectl rollout undo deployment/web --to-revision=2'), words('kubectl rollout undo deployment/web --to-revision=2 --dry-run=server')],
	['an -o already given is kept', words('kubectl patch deployment web -p {} -o json'), words('kubectl patch deployment web -p {} -o json --dry-run=server')],
	['an attached -ojson is kept', words('kubectl set image -ojson deployment/web web=nginx'), words('kubectl set image -ojson deployment/web web=nginx --dry-run=server')],
	// A last element that may be a flag waiting for a value: the flags go right after the command path.
	['trailing boolean flag', words('kubectl label pod web-0 tier=web --overwrite'), words('kubectl label --dry-run=server pod web-0 tier=web --overwrite')],
	['trailing flag missing its value', words('kubectl apply -f web.yaml --field-manager'), words('kubectl apply --dry-run=server -f web.yaml --field-manager')],
	['trailing flag of set, after the subcommand', words('kubectl set image deployment/web web=nginx --all'), words('kubectl set image --dry-run=server -o yaml deployment/web web=nginx --all')],
	// Already a dry run: server stays as written, anything else is the author's choice and left alone.
	['already --dry-run=server', words('kubectl delete pod a --dry-run=server'), words('kubectl delete pod a --dry-run=server')],
	['--dry-run=client', words('kubectl delete pod a --dry-run=client'), null],
	['--dry-run=none', words('kubectl delete pod a --dry-run=none'), null],
	['bare --dry-run means client', words('kubectl delete pod a --dry-run'), null],
	['--dry-run server is a bare flag and a name', words('kubectl delete pod a --dry-run server'), null],
	// kubectl v1.32 has no --dry-run for these.
	['rollout restart', words('kubectl rollout restart deployment/web'), null],
	['rollout pause', words('kubectl rollout pause deployment/web'), null],
	['create token', words('kubectl create token ci'), null],
	['edit', words('kubectl edit deployment web'), null],
	['exec', words('kubectl exec web-0 -- sh'), null],
	['port-forward', words('kubectl port-forward svc/web 8080:80'), null],
	['debug', words('kubectl debug web-0 --image=busybox'), null],
	['cp', words('kubectl cp a:/x ./x'), null],
	['certificate approve', words('kubectl certificate approve csr-1'), null],
	['config use-context', words('kubectl config use-context kind'), null],
	['apply edit-last-applied', words('kubectl apply edit-last-applied deployment/web'), null],
	['a plugin', words('kubectl kconsole diagnose'), null],
	// Flags that make a server-side dry run impossible or meaningless.
	['create --raw', words('kubectl create --raw /api/v1/namespaces -f ns.json'), null],
	['delete --raw', words('kubectl delete --raw /api/v1/namespaces/shop'), null],
	['create --edit', words('kubectl create -f web.yaml --edit'), null],
	['label --local', words('kubectl label -f pod.yaml a=b --local'), null],
	['run -it', words('kubectl run dbg -it --image=busybox -- sh'), null],
	['run -i', words('kubectl run dbg -i --image=busybox'), null],
	['run --rm', words('kubectl run dbg --rm --image=busybox --restart=Never'), null],
	['run --attach=true', words('kubectl run dbg --attach=true --image=busybox'), null],
	['run --stdin', words('kubectl run dbg --stdin --image=busybox'), null],
	// Reads and other programs.
	['a read', words('kubectl get pods'), null],
	['not kubectl', words('sh -c true'), null],
];

for (const [name, argv, expected] of cases) {
	test(name, t => {
		t.deepEqual(dryRunArgv(argv), expected);
	});
}

test('the command it was given is not modified', t => {
	const argv = words('kubectl delete pod a');
	dryRunArgv(argv);
	t.deepEqual(argv, words('kubectl delete pod a'));
});

const printing: Array<[string, string, boolean]> = [
	['set image prints the patched object', 'kubectl set image deployment/web web=nginx:1.27 -n shop --dry-run=server -o yaml', true],
	['patch prints the patched object', 'kubectl -n shop patch deployment web -p {} --dry-run=server -o yaml', true],
	['create prints the object it would create', 'kubectl create deployment api --image=nginx -o yaml --dry-run=server', true],
	['rollout undo prints the object as it was before the undo', 'kubectl rollout undo deployment/web -n shop --dry-run=server -o yaml', false],
	['rollout undo after global flags', 'kubectl -n shop rollout undo deployment/web --dry-run=server -o yaml', false],
];

for (const [name, line, prints] of printing) {
	test(`printsResultingObject: ${name}`, t => {
		t.is(printsResultingObject(words(line)), prints);
	});
}
