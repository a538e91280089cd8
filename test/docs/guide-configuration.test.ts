import { describeGuide } from './guide-suite.js';

describeGuide('configuration.md');
