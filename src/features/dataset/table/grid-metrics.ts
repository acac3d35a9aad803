/** Fixed row height: the scrollbar's length is total × ROW_HEIGHT, so every row has its place. */
export const ROW_HEIGHT = 32;
/** The sticky head: its row (35 px in records-grid.module.css) and its 1 px border. */
export const HEADER_HEIGHT = 36;
