import { memo } from 'react';
import { BezierEdge, SmoothStepEdge, useStore, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { isFar } from './farModel';

const farSelector = (s: { transform: [number, number, number] }): boolean => isFar(s.transform[2]);

/*
 * Edges drawn by React Flow only in the near view: in the far view the canvas draws them, so
 * their SVG (path, hit path, a label measured with getBBox) is not built at all. Opening a large
 * workflow, which fits below 30 % zoom, then renders no SVG edge; zooming in past 30 % builds them.
 */

const NearOnlyBezierEdge = memo(function NearOnlyBezierEdge(props: EdgeProps) {
  return useStore(farSelector) ? null : <BezierEdge {...props} />;
});

const NearOnlySmoothStepEdge = memo(function NearOnlySmoothStepEdge(props: EdgeProps) {
  return useStore(farSelector) ? null : <SmoothStepEdge {...props} />;
});

/** React Flow's two built-in edge types the editor uses (toFlowEdges), near view only. */
export const nearOnlyEdgeTypes: EdgeTypes = { default: NearOnlyBezierEdge, smoothstep: NearOnlySmoothStepEdge };
