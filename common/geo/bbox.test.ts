import { describe, expect, it } from 'vitest';
import { bboxOf, bboxPolygon, EMPTY_BBOX, isEmptyBBox, unionBBox } from './bbox';

describe('bounding boxes', () => {
  it('spans every position of a multipolygon', () => {
    const box = bboxOf({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [2, 48],
            [3, 48],
            [3, 49],
            [2, 48],
          ],
        ],
        [
          [
            [-5, 40],
            [-4, 41],
            [-5, 41],
            [-5, 40],
          ],
        ],
      ],
    });
    expect(box).toEqual([-5, 40, 3, 49]);
  });

  it('treats an empty collection as the empty box, the identity of union', () => {
    const empty = bboxOf({ type: 'GeometryCollection', geometries: [] });
    expect(isEmptyBBox(empty)).toBe(true);
    expect(unionBBox(EMPTY_BBOX, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(isEmptyBBox([1, 2, 3, 4])).toBe(false);
  });

  it('turns a box into a closed counter-clockwise ring', () => {
    const polygon = bboxPolygon([0, 0, 1, 2]);
    expect(polygon).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    });
  });
});
