import { describeGuide } from './guide-suite.js';

describeGuide('old-clouds.md');
