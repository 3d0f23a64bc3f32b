export { positionSpoofingEvidenceSchema, type PositionSpoofingEvidence } from "../detectors/position-spoofing";
