import { describeGuide } from './guide-suite.js';

describeGuide('performance.md');
