"""What our XBlocks share: the learner-wide record (``learner_record``)."""
