import { describeGuide } from './guide-suite.js';

describeGuide('tasks.md');
