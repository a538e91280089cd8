import { describeGuide } from './guide-suite.js';

describeGuide('creating-servers.md');
