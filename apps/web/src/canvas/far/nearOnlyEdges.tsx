import { memo, useContext } from 'react';
import { BezierEdge, SmoothStepEdge, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { NearDetailContext } from './nearDetail';

/*
 * Edges React Flow draws only once the view has been near (NearDetailContext): until then the far
 * view's canvas draws them, so their SVG (path, hit path, a label measured with getBBox) is not
 * built. Opening a large workflow, which fits below 30 % zoom, then renders no SVG edge.
 */

const NearOnlyBezierEdge = memo(function NearOnlyBezierEdge(props: EdgeProps) {
  return useContext(NearDetailContext) ? <BezierEdge {...props} /> : null;
});

const NearOnlySmoothStepEdge = memo(function NearOnlySmoothStepEdge(props: EdgeProps) {
  return useContext(NearDetailContext) ? <SmoothStepEdge {...props} /> : null;
});

/** React Flow's two built-in edge types the editor uses (toFlowEdges), built once the view has been near. */
export const nearOnlyEdgeTypes: EdgeTypes = { default: NearOnlyBezierEdge, smoothstep: NearOnlySmoothStepEdge };
