# The entry point of the bcryptprimitives.dll that .ci/wine.sh makes:
# it has nothing to set up.
	.text
	.globl	DllMain
DllMain:
	movl	$1, %eax
	ret
