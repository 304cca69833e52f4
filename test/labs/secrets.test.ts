// The secrets lab on fresh clusters (see lab-cases.ts).
import { describeLab } from './lab-cases.js';

await describeLab('secrets');
