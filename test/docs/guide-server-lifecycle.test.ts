import { describeGuide } from './guide-suite.js';

describeGuide('server-lifecycle.md');
