//! `kaynak man`: the manual page (roff), generated from the same clap
//! definitions as the parser and `--help`, with EXIT STATUS and EXAMPLES
//! sections written here.

use super::{Cli, Exit, Ui};
use anyhow::Context;
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write `kaynak.1` and one page per subcommand (`kaynak-fmt.1` …) into
    /// this directory instead of printing `kaynak.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The exit codes, as `main` maps them.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
The command ran and found problems: findings of \fBkaynak check\fR, records that do not load, unknown citation keys in a manuscript, \fBfmt \-\-check\fR finding files to format.
.TP
\fB2\fR
Usage or I/O failure: a bad option, a missing file or style, an unknown locale; kaynak could not do its job.
"#;

const EXAMPLES: &str = r#".SH EXAMPLES
.TP
\fBkaynak render paper.md \-o paper.out.md\fR
Format the citations of a Markdown manuscript (Chicago notes by default) with a bibliography of the cited works.
.TP
\fBpandoc paper.md \-\-filter kaynak\-pandoc \-o paper.docx\fR
A Word document with kaynak's citations and bibliography, through pandoc.
.TP
\fBkaynak render paper.md \-\-format latex \-o paper.tex && pdflatex paper.tex\fR
The manuscript as a LaTeX document that compiles with pdflatex or xelatex.
.TP
\fBkaynak cite \-\-style apa "@niyazov, p. 106" "see @a; @b" \-\-bib\fR
Citations in document order, then the bibliography of the cited works.
.TP
\fBkaynak bib \-\-format rtf > refs.rtf\fR
The whole library's bibliography as an RTF document.
.TP
\fBkaynak styles\fR
The styles kaynak can use, with class and default locale.
.TP
\fBkaynak check \-\-profile gost\fR
Check every record against GOST's requirements.
"#;

pub fn run(_cli: &Cli, args: &ManArgs, ui: &mut Ui) -> anyhow::Result<Exit> {
    let command = Cli::command();
    match &args.dir {
        Some(dir) => {
            clap_mangen::generate_to(command.clone(), dir)
                .with_context(|| format!("cannot write manual pages into {}", dir.display()))?;
            let mut page = Vec::new();
            render(command, &mut page)?;
            let path = dir.join("kaynak.1");
            crate::store::write::replace(&path, &page)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => render(command, &mut ui.out())?,
    }
    Ok(Exit::Success)
}

/// The main page: clap's sections, then exit status and examples.
fn render(command: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(command);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    out.write_all(EXIT_STATUS.as_bytes())?;
    out.write_all(EXAMPLES.as_bytes())?;
    man.render_version_section(out)?;
    Ok(())
}
