// Public API of the Callsight classifier engine.
export { DEFAULT_FEATURE_SPEC, featurize, featureSpecKey, validateFeatureSpec } from './features';
export type { FeatureSpec, TextFeatures } from './features';
export { normalize, tokenize, AMOUNT_TOKEN } from './tokenize';
export type { TokenizeOptions } from './tokenize';
export { Classifier, predictMany, probabilities, scoreMany } from './model';
export type { Prediction, PredictOptions, ModelParams } from './model';
export { train, trainAsync } from './train';
export type { LabeledExample, TrainOptions, TrainResult } from './train';
export { evaluate, evaluateProbabilities, expectedCalibrationError, ECE_BINS } from './evaluate';
export type { Evaluation, LabelMetrics } from './evaluate';
export { stratifiedSplit } from './split';
export { rankByUncertainty, rankProbabilities, uncertaintyScore, UNCERTAINTY_STRATEGIES, type UncertaintyOptions, type UncertaintyRanking, type UncertaintyStrategy } from './uncertainty';
export { serializeModel, deserializeModel, ARTIFACT_FORMAT_VERSION } from './artifact';
export { Rng } from './rng';
export { parseScopeProfile, scopeProfile, scopeProfileFromTraining, scopeScore, scopeScoreText, SCOPE_PROFILE_VERSION, type ScopeHeldOut, type ScopeProfile, type ScopeProfileOptions, type ScopeScore } from './scope';
export { QUANTIFICATION_METHODS, chooseEstimator, emPriorAdjustment, estimateShares, estimateSharesByMethod, normalQuantile, projectToSimplex, solveOnSimplex, summarizeEvaluation, type EstimatorChoice, type EvaluationSummary, type IntervalKind, type LabelShare, type QuantificationEvaluation, type QuantificationMethod, type QuantificationOptions, type QuantificationSample, type ShareEstimates } from './quantify';
