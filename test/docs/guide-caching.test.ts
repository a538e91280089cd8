import { describeGuide } from './guide-suite.js';

describeGuide('caching.md');
