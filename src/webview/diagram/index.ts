export { ArrowFlag, type Arrows } from './arrows';
export type { Band, BandKind } from './bands';
export { KIND, NETWORK_ROW } from './columns';
export { describeEvent, type EventDetails } from './details';
export { computeVisibility, type DiagramFilter, type Visibility } from './filter';
export { buildModel, eventsIn, type DiagramModel, type Lane } from './model';
export { mountDiagram, type DiagramController, type DiagramOptions, type DiagramViewState, type DrawStats } from './mount';
export type { Cursor, Violation } from './render/scene';
export { SearchIndex } from './search';
