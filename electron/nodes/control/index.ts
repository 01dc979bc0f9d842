export { controlImplementations } from './gate.js';
