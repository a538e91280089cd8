import { describeGuide } from './guide-suite.js';

describeGuide('errors-and-retries.md');
