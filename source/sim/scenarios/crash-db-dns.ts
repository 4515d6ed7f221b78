import type {World} from '../world.js';
import {apply, container, deployment, namespace, service} from './manifests.js';
import type {Scenario} from './scenario.js';

// Seed 001, 2.5 (the application's side): saas-shortener connects to Postgres by its
// Service name at start; with CoreDNS down the lookup is refused and the app exits:
// "failed to connect to `host=postgres-service user=postgres database=saas_shortener`: hostname
// resolving error (lookup postgres-service on 10.96.0.10:53: read udp …->10.96.0.10:53: read: connection refused)".
// Builds on coredns-bind-denied. Fix: repair CoreDNS (see coredns-bind-denied), then
//   kubectl rollout restart deployment/saas-shortener -n saas-shortener
// (or wait for its next restart after the back-off).

export const crashDbDns: Scenario = {
	name: 'crash-db-dns',
	seed: '001_2f104524502d0587.txt (2.5 CoreDNS 崩溃导致 DNS 解析失败)',
	summary: 'namespace saas-shortener: deployment saas-shortener cannot resolve postgres-service while CoreDNS is down and crash-loops; postgres itself runs',
	fix: ['(first fix coredns-bind-denied)', 'kubectl rollout restart deployment/saas-shortener -n saas-shortener'],
	requires: ['coredns-bind-denied'],
	install(world: World) {
		const database = [
			{name: 'POSTGRES_USER', value: 'postgres'},
			{name: 'POSTGRES_PASSWORD', value: 'postgres'},
			{name: 'POSTGRES_DB', value: 'saas_shortener'},
		];
		apply(
			world.store,
			namespace('saas-shortener'),
			deployment({namespace: 'saas-shortener', name: 'postgres', containers: [container('postgres', 'postgres:16-alpine', {env: database, ports: [{name: 'postgres', containerPort: 5432}]})]}),
			service({namespace: 'saas-shortener', name: 'postgres-service', selector: {app: 'postgres'}, ports: [{port: 5432, targetPort: 5432}]}),
			deployment({
				namespace: 'saas-shortener',
				name: 'saas-shortener',
				replicas: 2,
				containers: [
					container('saas-shortener', 'saas-shortener:v1.2.0', {
						imagePullPolicy: 'IfNotPresent',
						env: [
							{name: 'APP_ENV', value: 'production'},
							{name: 'DB_HOST', value: 'postgres-service'},
							{name: 'DB_PORT', value: '5432'},
							{name: 'DB_USER', value: 'postgres'},
							{name: 'DB_NAME', value: 'saas_shortener'},
						],
						ports: [{name: 'http', containerPort: 8080}],
					}),
				],
			}),
			service({namespace: 'saas-shortener', name: 'saas-shortener', selector: {app: 'saas-shortener'}, ports: [{port: 80, targetPort: 'http'}]}),
		);
	},
};
