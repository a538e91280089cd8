import { describeGuide } from './guide-suite.js';

describeGuide('simulator.md');
