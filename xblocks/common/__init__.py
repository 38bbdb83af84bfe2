"""What our XBlocks share: the boilerplate of every block (``mixin``; the JS helper every fragment
carries, ``public/js/nihongo.js``), the learner-wide record (``learner_record``), the learner's language
(``language``), a page's strings in a chosen language (``page``) and the gettext catalogues
(``catalogue``)."""
