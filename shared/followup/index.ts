/** After the move: the follow-up's shapes, due dates, states, the list and the report (pure). */
export * from './types';
export * from './schedule';
