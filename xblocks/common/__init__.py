"""What our XBlocks share: the learner-wide record (``learner_record``), the learner's language and its
switch (``language``), the page outside Open edX (``page``) and the catalogue writer (``catalogue``)."""
