import test from 'ava';
import {portForwardInUse, portForwardInUseIPv4, portForwardPrivileged} from '../fixtures/client-errors.js';
import {findingOf, findings, outline, planRun} from './library.js';

const cases = [
	{name: 'seed 000: 8080 is taken (IPv4 and IPv6 listeners)', text: portForwardInUse, variant: 'address-in-use', captures: {localPort: '8080', remotePort: '80'}},
	{name: 'a port taken on an IPv4-only host', text: portForwardInUseIPv4, variant: 'address-in-use', captures: {localPort: '3000', remotePort: '3000'}},
	{name: 'a privileged local port', text: portForwardPrivileged, variant: 'permission-denied', captures: {localPort: '80'}},
];

for (const {name, text, variant, captures} of cases) {
	test(`port-forward recognises ${name}`, t => {
		const found = findingOf('port-forward', {texts: {'kubectl port-forward': text}});
		t.is(found.variant, variant);
		t.is(found.kind, 'Text');
		t.like(found.captures, captures);
	});
}

test('port-forward stays quiet for a forward that works, and for other listeners', t => {
	const working = 'Forwarding from 127.0.0.1:8081 -> 80\nForwarding from [::1]:8081 -> 80\nHandling connection for 8081';
	t.deepEqual(outline(findings({texts: {'kubectl port-forward': working}})), []);
});

test('the address-in-use run confirms the port is taken, finds the owner here and on Windows, then moves to a free port', t => {
	const found = findingOf('port-forward', {texts: {'kubectl port-forward': portForwardInUse}});
	t.is(found.summary, 'local port 8080 is already in use');
	const planned = planRun(found);
	t.deepEqual(planned.filter(step => step.error), []);
	t.deepEqual(planned.map(step => step.title), ['Check that something answers on the port', 'Find the program that holds the port', 'On WSL2: find the Windows program', 'Forward from a free port']);
	t.is(planned[0].command, 'probe tcp 127.0.0.1:8080');
	t.true(planned[2].command.includes('Get-Process -Id (Get-NetTCPConnection -LocalPort 8080).OwningProcess'));
	t.true(planned[3].command.includes('kubectl port-forward service/NAME 8081:80'));
});
