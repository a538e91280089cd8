import { describeGuide } from './guide-suite.js';

describeGuide('getting-started.md');
