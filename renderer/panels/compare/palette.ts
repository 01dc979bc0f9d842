// One colour per compared model, in the order the models were chosen (the same in every chart and table).
const COLOURS = ['#2f6fd8', '#e0435b', '#2a9d5c', '#9b59d0', '#e08a2f', '#1fa3a3', '#8a6d3b', '#5f6b7a'];

export const modelColour = (i: number): string => COLOURS[i % COLOURS.length];
