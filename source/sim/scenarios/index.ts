import {healthy} from './healthy.js';
import type {Scenario} from './scenario.js';

// Every scenario, in install order (a scenario's requirements come before it).
export const scenarios: Scenario[] = [healthy];
