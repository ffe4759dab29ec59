from refusalkit.cli import main

main(prog_name="refusalkit")
