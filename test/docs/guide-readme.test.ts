import { describeGuide } from './guide-suite.js';

describeGuide('README.md');
