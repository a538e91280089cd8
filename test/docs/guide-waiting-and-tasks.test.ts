import { describeGuide } from './guide-suite.js';

describeGuide('waiting-and-tasks.md');
