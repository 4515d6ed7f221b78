// The match fixtures under the names the UI tests use.
export {healthyNodeConditions as healthNodeConditions, healthyPod, node, pod, terminated, waiting} from '../core/match/fixtures/kube.js';
