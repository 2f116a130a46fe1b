pub fn run(_c: &super::Cli, _a: &NewArgs, _u: &mut super::Ui) -> anyhow::Result<super::Exit> {
    Ok(super::Exit::Success)
}
#[derive(Debug, clap::Args)]
pub struct NewArgs {}
