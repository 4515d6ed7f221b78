import {corednsBindDenied} from './coredns-bind-denied.js';
import {crashBadCommand} from './crash-bad-command.js';
import {crashDbDns} from './crash-db-dns.js';
import {crashOom} from './crash-oom.js';
import {healthy} from './healthy.js';
import {imageInvalidName} from './image-invalid-name.js';
import {imageMirrorDigest} from './image-mirror-digest.js';
import {imageNotYetBuilt} from './image-not-yet-built.js';
import {imagePrivateNoSecret} from './image-private-no-secret.js';
import {imageProxyDown} from './image-proxy-down.js';
import {imageRegistryTimeout} from './image-registry-timeout.js';
import {imageTagNotFound} from './image-tag-not-found.js';
import {ingressClassMismatch} from './ingress-class-mismatch.js';
import {namespaceStuckTerminating} from './namespace-stuck-terminating.js';
import {rbacMissingClusterRole} from './rbac-missing-clusterrole.js';
import type {Scenario} from './scenario.js';
import {serviceNoEndpoints} from './service-no-endpoints.js';

// Every scenario, in install order (a scenario's requirements come before it).
export const scenarios: Scenario[] = [
	healthy,
	imageTagNotFound,
	imagePrivateNoSecret,
	imageRegistryTimeout,
	imageProxyDown,
	imageMirrorDigest,
	imageInvalidName,
	imageNotYetBuilt,
	crashBadCommand,
	crashOom,
	corednsBindDenied,
	crashDbDns,
	namespaceStuckTerminating,
	ingressClassMismatch,
	rbacMissingClusterRole,
	serviceNoEndpoints,
];
