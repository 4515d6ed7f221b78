// The simulated cluster in its own process for the render benchmark, so the console being
// measured does not share its event loop with the API server. Prints `ready KUBECONFIG` and
// takes one JSON command per stdin line:
//   {"flood": {"eventsPerSecond": 1000, "logLinesPerSecond": 0}}   the world's event/log flood
//   {"logs": {"namespace": "…", "pod": "…", "container": "…", "linesPerSecond": 5000}}   lines into one followed container
//   {"stop": true}
import {createInterface} from 'node:readline';
import {startSim} from '../source/sim/start-sim.js';

const pods = Number(process.argv[2] ?? '30000');
const sim = await startSim({pods, speed: 20});
process.stdout.write(`ready ${sim.kubeconfigPath}\n`);

const timers: NodeJS.Timeout[] = [];
const stops: Array<() => void> = [];

for await (const line of createInterface({input: process.stdin})) {
	const command = JSON.parse(line) as {flood?: {eventsPerSecond: number; logLinesPerSecond: number}; logs?: {namespace: string; pod: string; container: string; linesPerSecond: number}; stop?: boolean};
	if (command.flood) stops.push(sim.world!.flood(command.flood));
	if (command.logs) {
		const {namespace, pod, container, linesPerSecond} = command.logs;
		let serial = 0;
		let last = Date.now();
		let debt = 0;
		// Bursts every 20 ms at the requested rate, whatever the timer's lateness.
		timers.push(
			setInterval(() => {
				const now = Date.now();
				debt += ((now - last) * linesPerSecond) / 1000;
				last = now;
				for (; debt >= 1; debt--) sim.logs.append(namespace, pod, container, `${new Date(now).toISOString()} GET /api/items/${serial++ % 10_000} 200 ${serial % 97}ms`, sim.clock.now());
			}, 20),
		);
	}
	if (command.stop) break;
}
for (const timer of timers) clearInterval(timer);
for (const stop of stops) stop();
await sim.stop();
