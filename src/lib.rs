//! kaynak: a citation and bibliography manager for multilingual references.

pub mod csl;
