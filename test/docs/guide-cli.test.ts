import { describeGuide } from './guide-suite.js';

describeGuide('cli.md');
