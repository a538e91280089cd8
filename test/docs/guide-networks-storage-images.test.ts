import { describeGuide } from './guide-suite.js';

describeGuide('networks-storage-images.md');
