export { controlNodes } from './gate.js';
