import { describeGuide } from './guide-suite.js';

describeGuide('object-storage.md');
