-- Honest numbers: a model's threshold follows its evaluation unless a person
-- set it; versions keep their suggested threshold, their scope profile and
-- their held-out predictions; stored predictions say whether the text was
-- unlike the training data. A threshold above 0 was set by a person (0 was
-- the default nobody chose): it stays; the others now follow the evaluation.
ALTER TABLE "Model" ADD COLUMN "thresholdSet" BOOLEAN NOT NULL DEFAULT false;
UPDATE "Model" SET "thresholdSet" = true WHERE "threshold" > 0;
ALTER TABLE "ModelVersion" ADD COLUMN "suggestedThreshold" DOUBLE PRECISION;
ALTER TABLE "ModelVersion" ADD COLUMN "scopeProfile" TEXT;
ALTER TABLE "ModelVersion" ADD COLUMN "heldOutPredictions" TEXT;
ALTER TABLE "Prediction" ADD COLUMN "outOfScope" BOOLEAN;
